package org.imagenetwds.card;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.imagenetwds.hierarchy.WordNetHierarchy;
import org.junit.jupiter.api.Test;

class ClassTreePictureTest {

    @Test
    void theTrunkIsOneLineThenTheBranchesWithTheirClassCounts() {
        // kit fox, golden retriever, tench, goldfish and, outside the animals, a cab
        List<String> classes = List.of("n02119789", "n02099601", "n01440764", "n01443537", "n02930766");
        List<ClassTreePicture.Line> lines = ClassTreePicture.lines(classes, WordNetHierarchy.shipped());
        assertEquals(new ClassTreePicture.Line("... > physical entity > object > whole", 0, 5), lines.get(0));
        assertEquals(new ClassTreePicture.Line("living thing", 1, 4), lines.get(1));
        assertEquals(new ClassTreePicture.Line("organism", 2, 4), lines.get(2));
        assertEquals(new ClassTreePicture.Line("animal", 3, 4), lines.get(3));
        assertEquals(new ClassTreePicture.Line("chordate", 4, 4), lines.get(4));
        assertEquals(new ClassTreePicture.Line("vertebrate", 5, 4), lines.get(5));
        assertEquals(new ClassTreePicture.Line("artifact", 1, 1), lines.get(6), "five levels below the trunk, no more");
        assertEquals("... > chordate > vertebrate > mammal", ClassTreePicture.lines(List.of("n02119789", "n01861778"),
                WordNetHierarchy.shipped()).get(0).text(), "the trunk down to mammal, its last three names");
        assertEquals(ClassTreePicture.LEVELS, lines.stream().mapToInt(ClassTreePicture.Line::indent).max().orElseThrow());
    }
}
